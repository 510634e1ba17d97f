package dev.peregrine.cli;

import dev.peregrine.event.DecodeLimits;
import dev.peregrine.event.EventDecoder;
import dev.peregrine.event.Format;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --format auto|k8s|eks|gke|aks}: which managed-cluster envelopes a command unwraps around
 * audit events. Mixed into commands that read events; {@link #decoder(DecodeLimits)} gives the
 * decoder to use.
 */
final class FormatOption {
  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Input format: auto (default: native events and EKS, GKE and AKS envelopes,"
          + " detected per record), k8s (native audit events only), eks (CloudWatch Logs),"
          + " gke (Cloud Logging), aks (diagnostic settings records).")
  Format format = Format.AUTO;

  /** A decoder for the chosen format with {@code limits}. */
  EventDecoder decoder(DecodeLimits limits) {
    return new EventDecoder(limits, format);
  }

  /** Reads a format name with {@link Format#parse(String)}. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
