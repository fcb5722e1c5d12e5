package org.cnncourse.lessons.support;

import java.util.ArrayList;
import java.util.List;
import org.cnncourse.scratch.Pooling;

/**
 * The seeded random cases the comparison tests run: every combination the course promises,
 * each lesson picking the slice that is its topic.
 */
public final class CaseSweeps {
    private CaseSweeps() {
    }

    /** Input size and kernel: a square case and a non-square one. */
    private static final int[][] CONV_SHAPES = {{7, 7, 3, 3}, {6, 9, 2, 4}};

    /**
     * Stride 1/2/3 x padding 0/1/2 x channels 1/3 x filters 1/4/8 x batch 1/5 x (square,
     * non-square): 216 convolution cases.
     */
    public static List<ConvCase> convolutions() {
        List<ConvCase> cases = new ArrayList<>();
        long seed = 1000;
        for (int[] shape : CONV_SHAPES) {
            for (int stride : new int[] {1, 2, 3}) {
                for (int pad : new int[] {0, 1, 2}) {
                    for (int c : new int[] {1, 3}) {
                        for (int f : new int[] {1, 4, 8}) {
                            for (int n : new int[] {1, 5}) {
                                cases.add(ConvCase.input(n, c, shape[0], shape[1]).filters(f).kernel(shape[2], shape[3]).stride(stride).pad(pad).seed(seed++).build());
                            }
                        }
                    }
                }
            }
        }
        // Different strides and paddings along the two axes.
        cases.add(ConvCase.input(2, 3, 10, 7).filters(4).kernel(3, 2).stride(2, 1).pad(1, 0).seed(seed++).build());
        cases.add(ConvCase.input(3, 2, 8, 12).filters(5).kernel(2, 5).stride(1, 3).pad(0, 2).seed(seed++).build());
        cases.add(ConvCase.input(1, 1, 13, 5).filters(2).kernel(5, 1).stride(3, 2).pad(2, 0).seed(seed).build());
        return cases;
    }

    /**
     * The lesson whose topic a sweep case is, so that each case runs once in the suite: batches
     * (N > 1) are lesson 06, several filters lesson 05, three channels lesson 04, padding lesson
     * 02, and the rest (one image, one channel, one filter, no padding, strides 1-3) lesson 01.
     * Lesson 03 sweeps its own cases, under all three size rules.
     */
    public static int lessonOf(ConvCase c) {
        if (c.n() > 1) {
            return 6;
        }
        if (c.filters() > 1) {
            return 5;
        }
        if (c.c() > 1) {
            return 4;
        }
        return c.padH() > 0 || c.padW() > 0 ? 2 : 1;
    }

    /** The sweep cases that are this lesson's topic (see {@link #lessonOf}). */
    public static List<ConvCase> convolutionsOf(int lesson) {
        return convolutions().stream().filter(c -> lessonOf(c) == lesson).toList();
    }

    /**
     * Max and average x window 2x2/3x3 x stride 1/2/3 x padding 0/1 x channels 1/3 x batch 1/5,
     * on a non-square input: 96 pooling cases.
     */
    public static List<PoolCase> poolings() {
        List<PoolCase> cases = new ArrayList<>();
        long seed = 5000;
        for (Pooling.Type type : Pooling.Type.values()) {
            for (int k : new int[] {2, 3}) {
                for (int stride : new int[] {1, 2, 3}) {
                    for (int pad : new int[] {0, 1}) {
                        for (int c : new int[] {1, 3}) {
                            for (int n : new int[] {1, 5}) {
                                cases.add(PoolCase.input(n, c, 8, 7).window(type, k).stride(stride).pad(pad).seed(seed++).build());
                            }
                        }
                    }
                }
            }
        }
        return cases;
    }
}
