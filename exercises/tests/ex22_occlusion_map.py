from otter.test_files import test_case

OK_FORMAT = False

name = "ex22_occlusion_map"
points = 3

@test_case(points=None, hidden=False)
def test_one_bright_pixel(occlusion_map):
    import numpy as np
    from dlbook.grading import call

    def predict_proba(batch):
        p = np.asarray(batch)[:, 0, 0]
        return np.stack([p, 1 - p], axis=1)
    image = np.zeros((3, 3))
    image[0, 0] = 1.0
    got = call(occlusion_map, 'occlusion_map', predict_proba, image, 0, size=2)
    if got is None or got is Ellipsis:
        raise AssertionError('occlusion_map returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.shape(got) == (3, 3), f'the map should have the shape of the image, (3, 3), not {np.shape(got)}.'
    assert np.asarray(got)[0, 0] > 0, 'hiding the bright pixel lowers the probability of class 0, so the top-left pixel should get a positive value: the map is the drop of the probability.'

