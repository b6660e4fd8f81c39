"""Recorded runs of the MNIST-1D paper's GRU for chapter 08, written by `python -m dlbook.modern_cnn gru`.

``dlbook.modern_cnn.build_paper_gru()`` trained with ``compile_and_fit`` for each number of ``EPOCHS`` on the 4000
training sequences of ``load_mnist1d(seed=seed)``, for each ``SEED``; every table is keyed by ``(seed, epochs)``:
the accuracy on the 1000 validation and the 1000 test sequences, and the CPU seconds of the training (Keras 3.15.1,
tensorflow, 2026-12-05). Do not edit by hand.
"""

SEED = (0, 1, 2)
EPOCHS = (25, 150)
BACKEND = 'tensorflow'
VALIDATION_ACCURACY = {
    (0, 25): 0.864,
    (0, 150): 0.918,
    (1, 25): 0.819,
    (1, 150): 0.883,
    (2, 25): 0.833,
    (2, 150): 0.929,
}
TEST_ACCURACY = {
    (0, 25): 0.866,
    (0, 150): 0.902,
    (1, 25): 0.804,
    (1, 150): 0.881,
    (2, 25): 0.842,
    (2, 150): 0.923,
}
CPU_SECONDS = {
    (0, 25): 19.3,
    (0, 150): 87.8,
    (1, 25): 17.5,
    (1, 150): 88.2,
    (2, 25): 18.0,
    (2, 150): 98.2,
}
KERAS_VERSION = '3.15.1'
