from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_momentum_position"
points = 2

@test_case(points=None, hidden=False)
def test_answer_is_a_number(ex05_momentum_position_answer):
    import numbers
    from dlbook.grading import check_answer
    value = check_answer(ex05_momentum_position_answer, 'ex05_momentum_position_answer')
    assert isinstance(value, numbers.Real), f'ex05_momentum_position_answer should be a number, not {value!r:.40}'
    assert value < 0, 'the gradient is positive, so the weight moves towards negative values'

