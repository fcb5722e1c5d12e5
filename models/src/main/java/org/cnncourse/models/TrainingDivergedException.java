package org.cnncourse.models;

/** The loss became NaN or infinite: training stops instead of saving garbage. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
