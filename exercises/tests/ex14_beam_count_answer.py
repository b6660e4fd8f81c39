from otter.test_files import test_case

OK_FORMAT = False

name = "ex14_beam_count_answer"
points = 2

@test_case(points=None, hidden=False)
def test_is_a_whole_number(ex14_beam_count_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex14_beam_count_answer, 'ex14_beam_count_answer')
    assert isinstance(value, int) or float(value).is_integer(), f'count whole extensions, not {value!r:.40}.'

