from otter.test_files import test_case

OK_FORMAT = False

name = "ex10_contrastive_debug"
points = 3

@test_case(points=None, hidden=False)
def test_a_close_pair_of_one_class(contrastive_pair_loss):
    from dlbook.grading import call
    got = call(contrastive_pair_loss, 'contrastive_pair_loss', [1], [0.0])
    if got is None or got is Ellipsis:
        raise AssertionError('contrastive_pair_loss returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert abs(float(got)) < 1e-12, f'two images of one class at distance 0 are exactly where they should be: the loss should be 0, not {got}.'

