package org.equitrain.autophagy.hypernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Context;
import org.equitrain.nn.Init;
import org.equitrain.nn.Module;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Constraint maps: values, stability at extreme raw outputs, and float64 finite-difference gradients. */
class ConstraintTest {

    @Test
    void positiveIsSoftplusPlusFloor() {
        Tensor raw = Tensor.vector(-800, 0, 2);
        Tensor v = Constraint.POSITIVE.apply(Var.constant(raw), 1e-3).value();
        assertEquals(1e-3, v.getFlat(0), 1e-15);
        assertEquals(Math.log(2) + 1e-3, v.getFlat(1), 1e-15);
        assertEquals(Math.log1p(Math.exp(2)) + 1e-3, v.getFlat(2), 1e-12);
        GradCheck.check(x -> Constraint.POSITIVE.apply(x.get(0), 1e-6), GradCheck.randn(2, 6));
    }

    @Test
    void simplexRowsSumToOne() {
        Tensor p = Constraint.SIMPLEX.apply(Var.constant(GradCheck.randn(3, 2, 4)), 0).value();
        for (int r = 0; r < 2; r++) {
            double s = 0;
            for (int k = 0; k < 4; k++) {
                assertTrue(p.get(r, k) > 0);
                s += p.get(r, k);
            }
            assertEquals(1, s, 1e-12);
        }
        GradCheck.check(x -> Constraint.SIMPLEX.apply(x.get(0), 0), GradCheck.randn(4, 5));
    }

    @Test
    void choleskyFactorIsLowerTriangularWithSoftplusDiagonal() {
        Tensor raw = GradCheck.randn(5, 2, 3, 3);
        Tensor l = Constraint.CHOLESKY.apply(Var.constant(raw), 1e-4).value();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double r = raw.get(b, i, j);
                    double expected = i > j ? r : i == j ? Math.log1p(Math.exp(r)) + 1e-4 : 0;
                    assertEquals(expected, l.get(b, i, j), 1e-12);
                }
            }
        }
        GradCheck.check(x -> Constraint.CHOLESKY.apply(x.get(0), 1e-6), GradCheck.randn(6, 4, 4));
        GradCheck.check(x -> Constraint.CHOLESKY.apply(x.get(0), 1e-6), GradCheck.randn(7, 2, 3, 3));
    }

    @Test
    void paramConstraintsMapByNameAndRejectMisfits() {
        Module target = new Module() {
            @Override
            public List<ParamSpec> paramSpecs() {
                return List.of(new ParamSpec("mean", new int[] {2}, Init.zeros()),
                        new ParamSpec("scale", new int[] {2}, Init.zeros()),
                        new ParamSpec("weights", new int[] {3}, Init.zeros()));
            }

            @Override
            public Var forward(Params p, Var x, Context ctx) {
                return x;
            }
        };
        ParamTemplate template = ParamTemplate.of(target);
        ParamConstraints c = ParamConstraints.none().with("scale", Constraint.POSITIVE)
                .with("weights", Constraint.SIMPLEX);
        c.validate(template);
        Params three = Params.init(target, DType.FLOAT64, 0);
        Params constrained = c.apply(three);
        assertEquals(template.names(), constrained.names());
        assertEquals(Math.log(2) + ParamConstraints.DEFAULT_EPSILON, constrained.get("scale").value().getFlat(0),
                1e-15);
        assertEquals(1.0 / 3, constrained.get("weights").value().getFlat(2), 1e-15);
        assertEquals(Math.log(2) + 0.25, c.withEpsilon(0.25).apply(three).get("scale").value().getFlat(0), 1e-15,
                "another softplus floor");
        assertThrows(IllegalArgumentException.class, () -> c.withEpsilon(-1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParamConstraints.none().with("weights", Constraint.CHOLESKY).validate(template));
        assertTrue(e.getMessage().contains("weights[3]") && e.getMessage().contains("square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ParamConstraints.none().with("sigma", Constraint.POSITIVE).validate(template));
        assertTrue(e.getMessage().contains("'sigma'") && e.getMessage().contains("scale"), e.getMessage());
    }
}
