from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_positional_encoding"
points = 3

@test_case(points=None, hidden=False)
def test_small_table(positional_encoding):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(positional_encoding, 'positional_encoding', 3, 4)
    pos = np.arange(3.0)
    expected = np.column_stack([np.sin(pos), np.cos(pos), np.sin(pos / 100), np.cos(pos / 100)])
    check_array(got, expected, 'positional_encoding(3, 4): columns sin(pos), cos(pos), sin(pos / 100), cos(pos / 100)')

@test_case(points=None, hidden=False)
def test_position_zero(positional_encoding):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(positional_encoding, 'positional_encoding', 1, 6)
    check_array(got, [[0.0, 1.0, 0.0, 1.0, 0.0, 1.0]], 'positional_encoding(1, 6): position 0 is sin 0 = 0 and cos 0 = 1, alternately')

