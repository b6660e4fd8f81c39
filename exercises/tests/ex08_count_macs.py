from otter.test_files import test_case

OK_FORMAT = False

name = "ex08_count_macs"
points = 4

@test_case(points=None, hidden=False)
def test_one_dense_layer(count_macs):
    import keras
    from dlbook.grading import call
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
    got = call(count_macs, 'count_macs', model)
    if got is None or got is Ellipsis:
        raise AssertionError('count_macs returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert isinstance(got, int) and got == 400, f'a Dense(10) on 40 inputs computes 400 products, not {got!r}.'

