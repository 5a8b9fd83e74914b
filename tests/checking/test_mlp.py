"""Backpropagation through an MLP (derivations.checking.mlp) and ``derive mlp``.

The recursion is the documents' (004 eqs. (24)–(29), 000 "Vector 写法"); each obligation is
proved by the verifier from the definitions, and wrong recursions must be refuted.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp
from click.testing import CliRunner
from derivations.cli.main import cli

from derivations.checking import mlp
from derivations.checking.report import verify_claim
from derivations.errors import InputError
from derivations.model import Verdict


def verdicts(net: mlp.Network) -> list[Verdict]:
    formula = mlp.obligations(net)
    return [verify_claim(formula, c).verdict for c in formula.claims]


@pytest.mark.parametrize(
    ("activation", "loss"),
    [("sigmoid", "mse"), ("tanh", "softmax_ce"), ("relu", "mse"), ("leaky_relu", "softmax_ce")],
)
def test_every_obligation_is_proved(activation: str, loss: str) -> None:
    assert set(verdicts(mlp.network(2, 2, activation, loss))) == {Verdict.PROVED}


def test_obligations_grow_linearly_with_depth() -> None:
    counts = [
        len(mlp.obligations(mlp.network(depth, 2, "sigmoid", "mse")).claims) for depth in (1, 2, 3)
    ]
    assert counts == [
        3,
        6,
        9,
    ]  # output lemma, one step per hidden layer, two parameter lemmas per layer


def test_relu_proof_excludes_the_kinks_unit_by_unit() -> None:
    net = mlp.network(2, 2, "relu", "mse")
    formula = mlp.obligations(net)
    step = next(c for c in formula.claims if c.id == "mlp.step.layer1")
    assert verify_claim(formula, step).where == "z1_1 ≠ 0, z1_2 ≠ 0"


def test_a_step_with_the_weights_not_transposed_is_refuted() -> None:
    net = mlp.network(2, 2, "tanh", "mse")
    formula = mlp.obligations(net)
    step = next(c for c in formula.claims if c.id == "mlp.step.layer1")
    W, d, z = mlp.weights(2, 2, 2), mlp.upstream(2, 2), mlp.zs(1, 2)
    wrong = sp.ImmutableMatrix(
        [mlp.slope("tanh", z[j]) * sum(W[j][k] * d[k] for k in range(2)) for j in range(2)]
    )
    assert verify_claim(formula, replace(step, rhs=wrong)).verdict is Verdict.REFUTED


def test_an_output_delta_without_the_slope_is_refuted() -> None:
    net = mlp.network(1, 2, "sigmoid", "mse")
    formula = mlp.obligations(net)
    output = formula.claims[0]
    z, t = mlp.zs(1, 2), mlp.targets(2)
    wrong = sp.ImmutableMatrix([net.f(1, z[i]) - t[i] for i in range(2)])
    assert verify_claim(formula, replace(output, rhs=wrong)).verdict is Verdict.REFUTED


def test_a_transposed_weight_gradient_is_refuted_by_its_shape() -> None:
    net = mlp.network(1, 0, "sigmoid", "mse", widths=(3, 2))
    formula = mlp.obligations(net)
    weights = next(c for c in formula.claims if c.id == "mlp.weights.layer1")
    result = verify_claim(formula, replace(weights, rhs=weights.rhs.T))
    assert result.verdict is Verdict.REFUTED
    assert result.reason == "shape mismatch: the left side is 2×3, the right side 3×2"


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_direct_differentiation_of_the_whole_loss_agrees(activation: str) -> None:
    net = mlp.network(2, 0, activation, "mse", widths=(1, 2, 1))
    formula = mlp.obligations(net)
    assert {verify_claim(formula, c).verdict for c in mlp.direct_claims(net)} == {Verdict.PROVED}


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        ((7, 2, "tanh", "mse"), {}),
        ((2, 2, "gelu", "mse"), {}),
        ((2, 2, "tanh", "mse"), {"widths": (2, 2)}),
    ],
)
def test_bad_networks_are_input_errors(
    args: tuple[int, int, str, str], kwargs: dict[str, object]
) -> None:
    with pytest.raises(InputError):
        mlp.network(*args, **kwargs)  # type: ignore[arg-type]


def test_derive_mlp_prints_the_verified_result() -> None:
    result = CliRunner().invoke(
        cli,
        ["mlp", "--layers", "2", "--width", "2", "--activation", "relu", "--loss", "softmax_ce"],
    )
    assert result.exit_code == 0, result.output
    assert (
        result.output.splitlines()[0]
        == "MLP with 2 layers, widths 2-2-2, activation relu, loss softmax + cross-entropy (Σy = 1)"
    )
    assert "PROVED: the δ recursion gives the loss's derivative for every entry" in result.output
    assert "✗" not in result.output


@pytest.mark.parametrize("widths", ["3,x", "2,,2"])
def test_derive_mlp_rejects_bad_widths_in_one_line(widths: str) -> None:
    result = CliRunner().invoke(cli, ["mlp", "--layers", "1", "--widths", widths])
    assert result.exit_code == 2
    assert (
        result.output
        == f"derive: error: --widths must be comma-separated positive integers, not {widths!r}\n"
    )
