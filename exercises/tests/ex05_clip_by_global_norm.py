from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_clip_by_global_norm"
points = 3

@test_case(points=None, hidden=False)
def test_a_three_four_five_example(clip_by_global_norm):
    import numpy as np
    from dlbook.grading import call, check_answer, check_array
    got = check_answer(call(clip_by_global_norm, 'clip_by_global_norm', [np.array([3.0]), np.array([[4.0]])], 1.0), 'clip_by_global_norm([[3], [[4]]], 1)')
    assert isinstance(got, (list, tuple)) and len(got) == 2, 'clip_by_global_norm should return a list of 2 arrays'
    check_array(got[0], [0.6], 'the first array, [3] scaled by 1 / 5 (the global norm of 3 and 4 is 5)')
    check_array(got[1], [[0.8]], 'the second array, [[4]] scaled by 1 / 5')

