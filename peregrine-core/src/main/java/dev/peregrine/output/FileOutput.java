package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * {@code file_output}: appends one alert per line. Without keep_alive the file is opened and
 * closed for every alert (Falco's behaviour). With keep_alive it stays open, and is reopened when
 * the path no longer names the open file (renamed or deleted by logrotate) or after {@link
 * #reopen()}; a file truncated in place (copytruncate) needs nothing, since writes append.
 */
public final class FileOutput implements Channel {
  private final Path path;
  private final boolean keepAlive;
  private final AlertFormatter formatter;
  private OutputStream out;
  private Object fileKey;
  private volatile boolean reopenRequested;

  /** Appends to {@code path}, creating it when missing. */
  public FileOutput(Path path, boolean keepAlive, AlertFormatter formatter) {
    this.path = path;
    this.keepAlive = keepAlive;
    this.formatter = formatter;
  }

  @Override
  public String name() {
    return "file";
  }

  @Override
  public void write(Alert alert) throws IOException {
    byte[] line = (formatter.format(alert) + "\n").getBytes(StandardCharsets.UTF_8);
    if (!keepAlive) {
      try (OutputStream o = open()) {
        o.write(line);
      }
      return;
    }
    if (out == null || reopenRequested || rotated()) {
      reopenRequested = false;
      closeStream();
      out = new BufferedOutputStream(open(), 64 * 1024);
      fileKey = currentKey();
    }
    out.write(line);
  }

  @Override
  public void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  @Override
  public void reopen() {
    reopenRequested = true;
  }

  @Override
  public void close() throws IOException {
    closeStream();
  }

  private OutputStream open() throws IOException {
    return Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
  }

  private boolean rotated() throws IOException {
    Object key = currentKey();
    return key == null || !Objects.equals(key, fileKey);
  }

  private Object currentKey() throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      Object key = a.fileKey();
      return key != null ? key : a.creationTime();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void closeStream() throws IOException {
    if (out != null) {
      OutputStream o = out;
      out = null;
      o.close();
    }
  }
}
