from otter.test_files import test_case

OK_FORMAT = False

name = "ex07_receptive_field"
points = 3

@test_case(points=None, hidden=False)
def test_small_stacks(receptive_field):
    from dlbook.grading import call
    for layers, expected in [([], 1), ([(3, 1)], 3), ([(3, 1), (3, 1)], 5)]:
        got = call(receptive_field, 'receptive_field', layers)
        if got is None or got is Ellipsis:
            raise AssertionError('receptive_field returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
        assert isinstance(got, int) and got == expected, f'receptive_field({layers}) should be {expected}, but it is {got!r}.'

