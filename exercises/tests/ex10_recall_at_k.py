from otter.test_files import test_case

OK_FORMAT = False

name = "ex10_recall_at_k"
points = 3

@test_case(points=None, hidden=False)
def test_on_a_line(recall_at_k):
    import numpy as np
    from dlbook.grading import call
    E = np.array([[0.0], [1.0], [5.0], [6.0]])
    got = call(recall_at_k, 'recall_at_k', E, np.array([0, 0, 1, 1]), 1)
    if got is None or got is Ellipsis:
        raise AssertionError('recall_at_k returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert np.ndim(got) == 0 and 0 <= float(got) <= 1, f'recall@k is a fraction between 0 and 1, not {got!r:.60}.'

