package org.equitrain.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.junit.jupiter.api.Test;

/** Params.init from a module's specs. */
class ParamsTest {
    /** A custom module whose specs name "w" twice, with different shapes. */
    private static final Module TWICE = new Module() {
        @Override
        public List<ParamSpec> paramSpecs() {
            return List.of(new ParamSpec("w", new int[] {2}, Init.zeros()), new ParamSpec("b", new int[] {1},
                    Init.zeros()), new ParamSpec("w", new int[] {3}, Init.zeros()));
        }

        @Override
        public Var forward(Params params, Var input, Context ctx) {
            return input;
        }
    };

    @Test
    void aModuleThatNamesAParameterTwiceIsRefusedInsteadOfLosingOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Params.init(TWICE, DType.FLOAT64, 0));
        assertEquals("the module's parameter specs name 'w' twice (w[2] and w[3]); every parameter needs its own name",
                e.getMessage());
    }

    @Test
    void initGivesEverySpecAValueInOrder() {
        Params p = Params.init(Mlp.of(3, 4, 2), DType.FLOAT32, 1);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), p.names());
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, p.count());
    }
}
