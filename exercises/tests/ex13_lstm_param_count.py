from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_lstm_param_count"
points = 2

@test_case(points=None, hidden=False)
def test_type_and_a_tiny_layer(lstm_param_count):
    from dlbook.grading import call, check_answer
    got = check_answer(call(lstm_param_count, 'lstm_param_count', 1, 1), 'lstm_param_count(1, 1)')
    assert isinstance(got, (int,)) or type(got).__name__.startswith('int'), f'lstm_param_count should return an int, got {type(got).__name__}'
    assert got > 0 and got % 4 == 0, f'lstm_param_count(1, 1) = {got}: an LSTM has four blocks of equal size'

