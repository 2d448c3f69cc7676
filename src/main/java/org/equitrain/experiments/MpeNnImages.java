package org.equitrain.experiments;

import java.util.List;
import java.util.Locale;
import org.equitrain.data.Dataset;
import org.equitrain.report.ImageGrid;

/** Image grids of the most sensitive training examples (for {@code mpe-nn} and {@code equitrain sensitivity}). */
public final class MpeNnImages {
    private MpeNnImages() {
    }

    /** The top {@code count} examples of an image dataset by {@code scores}, labelled with class and score. */
    public static ImageGrid top(Dataset data, double[] scores, int count) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        ImageGrid grid = new ImageGrid().title("Most sensitive training examples (class, score)").columns(8).scale(2);
        int[] shape = data.sampleShape();
        int h = shape[shape.length - 2];
        int w = shape[shape.length - 1];
        int size = h * w;
        List<String> names = data.classNames();
        for (int r = 0; r < Math.min(count, order.length); r++) {
            int i = order[r];
            double[] img = new double[size];
            for (int p = 0; p < size; p++) {
                img[p] = data.features().getFlat(i * size + p);
            }
            grid.image(img, h, w, names.get(data.label(i)) + String.format(Locale.ROOT, " %.2g", scores[i]));
        }
        return grid;
    }
}
