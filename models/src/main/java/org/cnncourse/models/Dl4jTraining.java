package org.cnncourse.models;

import org.deeplearning4j.nn.api.Model;

/** A {@link Trainable} whose result is a DL4J network: plain, with ParallelWrapper, or on Spark. */
public interface Dl4jTraining extends Trainable {
    /** The network as trained so far (after a resume, the restored one). */
    Model model();
}
