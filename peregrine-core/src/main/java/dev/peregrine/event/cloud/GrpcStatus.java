package dev.peregrine.event.cloud;

/**
 * google.rpc.Code values and the HTTP status each stands for (as documented in code.proto).
 * Cloud Audit Logs record the gRPC code; the apiserver's HTTP code is not kept, so distinct HTTP
 * codes that share a gRPC code (400 and 422, 409 for conflicts and for existing objects) cannot be
 * told apart.
 */
final class GrpcStatus {
  private GrpcStatus() {}

  /** The HTTP status for gRPC {@code code}; 500 for codes outside 0..16. */
  static int http(int code) {
    return switch (code) {
      case 0 -> 200;
      case 1 -> 499; // CANCELLED
      case 3, 9, 11 -> 400; // INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE
      case 4 -> 504; // DEADLINE_EXCEEDED
      case 5 -> 404; // NOT_FOUND
      case 6, 10 -> 409; // ALREADY_EXISTS, ABORTED
      case 7 -> 403; // PERMISSION_DENIED
      case 8 -> 429; // RESOURCE_EXHAUSTED
      case 12 -> 501; // UNIMPLEMENTED
      case 14 -> 503; // UNAVAILABLE
      case 16 -> 401; // UNAUTHENTICATED
      default -> 500; // UNKNOWN, INTERNAL, DATA_LOSS, anything else
    };
  }
}
