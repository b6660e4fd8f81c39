from otter.test_files import test_case

OK_FORMAT = False

name = "ex23_intensity_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex23_intensity_answer):
    from dlbook.grading import check_answer, check_tuple
    intensity, bound = check_tuple(check_answer(ex23_intensity_answer, 'ex23_intensity_answer'), ('intensity', 'bound'), 'ex23_intensity_answer')
    assert isinstance(intensity, (int, float)) and intensity > 0, f'the intensity should be a positive number of FLOP/byte, not {intensity!r:.60}.'
    assert bound in ('memory', 'compute'), f'the second item should be "memory" or "compute", not {bound!r:.60}.'

