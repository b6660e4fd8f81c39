from otter.test_files import test_case

OK_FORMAT = False

name = "ex11_routing_facts_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex11_routing_facts_answer):
    from dlbook.grading import check_choice
    check_choice(ex11_routing_facts_answer, 'abcdef', 'ex11_routing_facts_answer')

