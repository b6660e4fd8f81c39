from otter.test_files import test_case

OK_FORMAT = False

name = "ex00_ink_profile"
points = 2

@test_case(points=None, hidden=False)
def test_one_image_by_hand(ink_profile):
    import numpy as np
    from dlbook.grading import call, check_array
    image = np.array([[[0.0, 1.0], [0.0, 3.0]]])
    check_array(call(ink_profile, 'ink_profile', image), [[0.25, 0.75, 0.0, 1.0]], 'ink_profile(image)')

@test_case(points=None, hidden=False)
def test_shape(ink_profile):
    import numpy as np
    from dlbook.grading import call, check_answer
    out = check_answer(call(ink_profile, 'ink_profile', np.ones((3, 8, 6))), 'ink_profile')
    assert np.shape(out) == (3, 14), f'for 3 images of 8 x 6 pixels the profile should have shape (3, 14), not {np.shape(out)}'

