package vn.da06.jobs.ingest;

/**
 * An expected problem with what the operator gave the pipeline: printed without a stack trace, exit
 * code 2.
 */
public final class PipelineInputException extends RuntimeException {
  public PipelineInputException(String message) {
    super(message);
  }

  public PipelineInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
