from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_least_squares"
points = 3

@test_case(points=None, hidden=False)
def test_points_on_a_line(least_squares):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    X = np.array([[0.0], [1.0], [2.0]])
    result = call(least_squares, 'least_squares', X, np.array([1.0, 3.0, 5.0]))
    w, b = check_tuple(result, ('w', 'b'), 'least_squares')
    check_array(w, [2.0], 'w for the points (0, 1), (1, 3), (2, 5) on the line y = 2x + 1')
    check_array(b, 1.0, 'b for the points (0, 1), (1, 3), (2, 5) on the line y = 2x + 1')

@test_case(points=None, hidden=False)
def test_lengths_must_match(least_squares):
    import numpy as np
    from dlbook.grading import call, check_tuple
    X, y = (np.arange(10.0).reshape(5, 2), np.arange(5.0))
    check_tuple(call(least_squares, 'least_squares', X, y), ('w', 'b'), 'least_squares')
    try:
        least_squares(X, y[:4])
    except ValueError as error:
        assert '5' in str(error) and '4' in str(error), f'least_squares raised a ValueError, but its message ({str(error)!r:.80}) does not give the two lengths (5 and 4): check len(X) != len(y) yourself and say so.'
    except Exception as error:
        raise AssertionError(f'least_squares(X, y) with 5 rows and 4 values raised {type(error).__name__}: raise a ValueError instead.') from None
    else:
        raise AssertionError('least_squares(X, y) with 5 rows and 4 values should raise a ValueError.')

