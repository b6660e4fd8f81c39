from otter.test_files import test_case

OK_FORMAT = False

name = "ex20_contrastive_gradient"
points = 3

@test_case(points=None, hidden=False)
def test_shapes_and_a_chain_that_did_not_move(contrastive_gradient):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    rng = np.random.default_rng(0)
    W, b, c = (rng.normal(size=(5, 3)), np.zeros(5), np.zeros(3))
    v = (rng.random((4, 5)) < 0.5).astype(float)
    grads = check_tuple(call(contrastive_gradient, 'contrastive_gradient', v, v, W, b, c), ('dW', 'db', 'dc'), 'contrastive_gradient')
    for grad, shape, name in zip(grads, [(5, 3), (5,), (3,)], 'dW db dc'.split()):
        check_array(grad, np.zeros(shape), f'{name} when the chain ends where it started (vk = v0)')

