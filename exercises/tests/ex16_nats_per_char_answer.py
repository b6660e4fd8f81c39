from otter.test_files import test_case

OK_FORMAT = False

name = "ex16_nats_per_char_answer"
points = 2

@test_case(points=None, hidden=False)
def test_a_number(ex16_nats_per_char_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex16_nats_per_char_answer, 'ex16_nats_per_char_answer')
    assert isinstance(value, (int, float)) and value > 0, f'the answer should be a positive number, not {value!r:.40}'

