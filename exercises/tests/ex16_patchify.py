from otter.test_files import test_case

OK_FORMAT = False

name = "ex16_patchify"
points = 3

@test_case(points=None, hidden=False)
def test_first_patch(patchify_images):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(patchify_images, 'patchify_images', np.arange(16.0).reshape(1, 4, 4, 1), 2)
    check_array(np.asarray(got)[0, 0] if np.ndim(got) == 3 else got, [0, 1, 4, 5], 'the first 2x2 patch of np.arange(16).reshape(1, 4, 4, 1)')

