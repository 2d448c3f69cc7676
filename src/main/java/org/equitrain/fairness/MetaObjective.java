package org.equitrain.fairness;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.tensor.Tensor;

/**
 * Fairness meta-objectives on held-out logits (forml.md §5), plus an accuracy anchor β·(1/m) Σ_j ℓ_j. Gaps and maxima
 * are differentiated by subgradient (forml.md §3): max_g L_g − min_g L_g back-propagates ∇L_{g*} − ∇L_{g_*} with
 * arg max / arg min ties going to the lowest group index. Binary or multiclass labels; the "favourable" class of
 * the data plays the role of y = 1, except in multiclass {@code eo-loss-gap}, which averages over classes.
 */
public enum MetaObjective {
    /** max_g L_g^+ − min_g L_g^+ over held-out examples with the favourable label (default). */
    EO_LOSS_GAP,
    /** max_g L_g (Nash-Meta-Learning {@code meta_group_dro}). */
    WORST_GROUP,
    /** max_g mean s_j − min_g mean s_j, s_j the predicted probability of the favourable class. */
    DP_SCORE_GAP,
    /**
     * max_g − min_g of the mean favourable score s_j over held-out rows with the favourable label: BNMR's
     * {@code eo-score-gap}, |mean_{a=0,y=1} s − mean_{a=1,y=1} s| for two groups (forml.md §5).
     */
    EO_SCORE_GAP,
    /** max_g L_g − min_g L_g over all labels. */
    LOSS_GAP,
    /** (1/m) Σ_j ℓ_j: L2RW's objective ("balanced-loss" on a group × label balanced held-out set). */
    MEAN_LOSS;

    /** The option name, e.g. "eo-loss-gap". */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an option name such as "worst-group"; an unknown name lists the choices. */
    public static MetaObjective parse(String s) {
        for (MetaObjective o : values()) {
            if (o.optionName().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown meta-objective '" + s + "'; choose eo-loss-gap, worst-group, "
                + "dp-score-gap, eo-score-gap, loss-gap or mean-loss");
    }

    /**
     * The classes of which every group needs held-out rows: the favourable class for {@code eo-score-gap} and binary
     * {@code eo-loss-gap}, every class for multiclass {@code eo-loss-gap} (one-vs-rest, forml.md §5), none otherwise.
     */
    int[] classesEveryGroupNeeds(int classes, int favourable) {
        if (this == EO_LOSS_GAP && classes > 2) {
            return IntStream.range(0, classes).toArray();
        }
        return this == EO_LOSS_GAP || this == EO_SCORE_GAP ? new int[] {favourable} : new int[0];
    }

    /**
     * The first held-out cell this objective needs and {@code heldOut} lacks, as {group, class}: a group with no
     * rows (class −1), or a group without rows of a class in {@link #classesEveryGroupNeeds}; null when none lacks.
     */
    public int[] missingHeldOutCell(GroupedData heldOut) {
        if (this == MEAN_LOSS) {
            return null;
        }
        int[][] rows = new int[heldOut.groupCount()][heldOut.classes()];
        for (int j = 0; j < heldOut.size(); j++) {
            rows[heldOut.group()[j]][heldOut.y()[j]]++;
        }
        for (int g = 0; g < rows.length; g++) {
            if (Arrays.stream(rows[g]).sum() == 0) {
                return new int[] {g, -1};
            }
            for (int k : classesEveryGroupNeeds(heldOut.classes(), heldOut.favourable())) {
                if (rows[g][k] == 0) {
                    return new int[] {g, k};
                }
            }
        }
        return null;
    }

    /** Checks that {@code heldOut} has every cell the objective needs; the error names the group and the class. */
    public void validate(GroupedData heldOut) {
        int[] cell = missingHeldOutCell(heldOut);
        if (cell != null) {
            throw new IllegalArgumentException("meta-objective " + optionName() + ": the held-out set has no rows of "
                    + "group '" + heldOut.groupNames().get(cell[0]) + "'" + (cell[1] < 0 ? "" : " with label "
                    + cell[1]));
        }
    }

    /** L_meta + β·(1/m) Σ_j ℓ_j for held-out {@code logits} [m, C] of the rows of {@code heldOut}. */
    public Var value(Var logits, GroupedData heldOut, double anchor) {
        Var losses = CrossEntropy.of(logits, heldOut.y()).perExample();
        Var mean = Ops.mean(losses);
        Var meta = switch (this) {
            case MEAN_LOSS -> mean;
            case EO_LOSS_GAP -> eoLossGap(losses, heldOut);
            case LOSS_GAP -> gap(groupMeans(losses, heldOut, ALL));
            case WORST_GROUP -> { // max_g L_g
                Var[] l = groupMeans(losses, heldOut, ALL);
                yield l[argExtreme(l, true)];
            }
            case DP_SCORE_GAP -> gap(groupMeans(favourableScores(logits, heldOut.favourable()), heldOut, ALL));
            case EO_SCORE_GAP -> gap(groupMeans(favourableScores(logits, heldOut.favourable()), heldOut,
                    heldOut.favourable()));
        };
        return anchor == 0 || this == MEAN_LOSS ? meta : Ops.add(meta, Ops.mulScalar(mean, anchor));
    }

    /**
     * max_g L_g^+ − min_g L_g^+ over the favourable class's rows; multiclass: each class one-vs-rest, the gaps
     * averaged over classes (forml.md §5).
     */
    private Var eoLossGap(Var losses, GroupedData heldOut) {
        if (heldOut.classes() <= 2) {
            return gap(groupMeans(losses, heldOut, heldOut.favourable()));
        }
        Var sum = null;
        for (int k = 0; k < heldOut.classes(); k++) {
            Var g = gap(groupMeans(losses, heldOut, k));
            sum = sum == null ? g : Ops.add(sum, g);
        }
        return Ops.mulScalar(sum, 1.0 / heldOut.classes());
    }

    private static Var favourableScores(Var logits, int favourable) {
        Tensor pick = Tensor.zeros(logits.dtype(), 1, logits.dim(1));
        pick.set(1.0, 0, favourable);
        return Ops.sum(Ops.mul(Activations.softmax(logits, 1), Var.constant(pick)), 1, false);
    }

    /** {@link #groupMeans} over rows of every label. */
    private static final int ALL = -1;

    /** L_g = mean of {@code values} over group g (only rows with label {@code label}, unless it is {@link #ALL}). */
    private Var[] groupMeans(Var values, GroupedData heldOut, int label) {
        validate(heldOut);
        int m = heldOut.size();
        Var[] out = new Var[heldOut.groupCount()];
        for (int g = 0; g < out.length; g++) {
            Tensor mask = Tensor.zeros(values.dtype(), m);
            int count = 0;
            for (int j = 0; j < m; j++) {
                if (heldOut.group()[j] == g && (label == ALL || heldOut.y()[j] == label)) {
                    mask.setFlat(j, 1.0);
                    count++;
                }
            }
            out[g] = Ops.mulScalar(Ops.sum(Ops.mul(values, Var.constant(mask))), 1.0 / count);
        }
        return out;
    }

    /** max_g L_g − min_g L_g with subgradient ∇L_{g*} − ∇L_{g_*} (forml.md §3). */
    private static Var gap(Var[] l) {
        return Ops.sub(l[argExtreme(l, true)], l[argExtreme(l, false)]);
    }

    /** Index of the largest (or smallest) value; ties go to the lowest index. */
    private static int argExtreme(Var[] l, boolean largest) {
        int best = 0;
        for (int g = 1; g < l.length; g++) {
            double v = l[g].item();
            double b = l[best].item();
            if (largest ? v > b : v < b) {
                best = g;
            }
        }
        return best;
    }
}
