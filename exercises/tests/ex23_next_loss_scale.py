from otter.test_files import test_case

OK_FORMAT = False

name = "ex23_next_loss_scale"
points = 3

@test_case(points=None, hidden=False)
def test_a_finite_step(next_loss_scale):
    from dlbook.grading import call, check_tuple
    scale, count, apply = check_tuple(call(next_loss_scale, 'next_loss_scale', 1024.0, 5, True), ('scale', 'count', 'apply'), 'next_loss_scale')
    assert (scale, count, bool(apply)) == (1024.0, 6, True), f'after a finite step that does not reach growth_steps, expected (1024.0, 6, True), got {(scale, count, apply)}.'

