package dev.peregrine.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable spool: accepted request bodies are appended to segment files and fsynced before the
 * request is answered; a checkpoint file records the highest sequence number below which every
 * batch has been evaluated and its alerts flushed. On open, the records after the checkpoint are
 * returned by {@link #pending()} to be evaluated again (at least once; a batch evaluated after the
 * last checkpoint was written is evaluated twice).
 *
 * <p>Record layout: {@code int length, int crc32c(seq, body), long seq, body}. A torn record at
 * the end of a segment (a crash during append) is cut off at open; it was never acknowledged.
 *
 * <p>Disk use is bounded: when the segments would exceed the limit, {@link #append} throws {@link
 * Full} and the request is refused with 503; segments are deleted once fully evaluated.
 */
final class Spool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
  /** Default disk limit: 1 GiB. */
  static final long DEFAULT_MAX_BYTES = 1L << 30;
  /** Default segment size: 64 MiB. */
  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  private static final int HEADER = 16;
  private static final String CHECKPOINT = "checkpoint";

  /** Thrown when a record does not fit the disk limit. */
  static final class Full extends Exception {
    Full(String message) {
      super(message);
    }
  }

  /** A record read back at open. */
  record Record(long seq, byte[] body) {}

  private record Segment(Path path, long firstSeq, FileChannel channel) {}

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final List<Segment> segments = new ArrayList<>();
  private final List<Record> pending = new ArrayList<>();
  private final Object syncLock = new Object();
  private final TreeSet<Long> finished = new TreeSet<>();
  private long nextSeq = 1;
  private long totalBytes;
  private long currentBytes;
  private volatile long written;
  private volatile long durable;
  private long watermark;
  private long savedWatermark = -1;

  Spool(Path dir, long maxBytes, long segmentBytes) throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = segmentBytes;
    Files.createDirectories(dir);
    Path cp = dir.resolve(CHECKPOINT);
    watermark = Files.exists(cp) ? Long.parseLong(Files.readString(cp).strip()) : 0;
    recover();
    nextSeq = Math.max(nextSeq, watermark + 1);
    written = nextSeq - 1;
    durable = written;
    openSegment();
  }

  /** Records after the checkpoint, in sequence order, found at open (until {@link #allDone}). */
  synchronized List<Record> pending() {
    return List.copyOf(pending);
  }

  private void recover() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".spool")).sorted().toList();
    }
    for (Path f : files) {
      long first = Long.parseLong(f.getFileName().toString().replace(".spool", ""));
      FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long size = readSegment(ch, f);
      totalBytes += size;
      segments.add(new Segment(f, first, ch));
    }
  }

  private long readSegment(FileChannel ch, Path f) throws IOException {
    long pos = 0;
    long size = ch.size();
    ByteBuffer head = ByteBuffer.allocate(HEADER);
    while (pos + HEADER <= size) {
      head.clear();
      ch.read(head, pos);
      head.flip();
      int len = head.getInt();
      int crc = head.getInt();
      long seq = head.getLong();
      if (len < 0 || pos + HEADER + len > size) {
        break;
      }
      ByteBuffer body = ByteBuffer.allocate(len);
      ch.read(body, pos + HEADER);
      if (crc(seq, body.array()) != crc) {
        break;
      }
      if (seq > watermark) {
        pending.add(new Record(seq, body.array()));
      }
      nextSeq = Math.max(nextSeq, seq + 1);
      pos += HEADER + len;
    }
    if (pos < size) {
      LOG.warn("spool {}: cutting an incomplete record at byte {} (never acknowledged)", f, pos);
      ch.truncate(pos);
      ch.force(true);
    }
    return pos;
  }

  private static int crc(long seq, byte[] body) {
    CRC32C c = new CRC32C();
    c.update(ByteBuffer.allocate(8).putLong(0, seq));
    c.update(body);
    return (int) c.getValue();
  }

  private void openSegment() throws IOException {
    Path p = dir.resolve(String.format("%020d.spool", nextSeq));
    FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    ch.position(ch.size());
    currentBytes = ch.size();
    segments.add(new Segment(p, nextSeq, ch));
  }

  /**
   * Appends {@code body} and returns its sequence number; the record is durable only after
   * {@link #sync}.
   */
  synchronized long append(byte[] body) throws IOException, Full {
    long len = HEADER + (long) body.length;
    if (totalBytes + len > maxBytes) {
      throw new Full("spool is full (" + totalBytes + " of " + maxBytes + " bytes used)");
    }
    if (currentBytes > 0 && currentBytes + len > segmentBytes) {
      current().channel().force(false);
      openSegment();
    }
    long seq = nextSeq++;
    ByteBuffer buf = ByteBuffer.allocate((int) len);
    buf.putInt(body.length).putInt(crc(seq, body)).putLong(seq).put(body).flip();
    FileChannel ch = current().channel();
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    currentBytes += len;
    totalBytes += len;
    written = seq;
    return seq;
  }

  private Segment current() {
    return segments.get(segments.size() - 1);
  }

  /**
   * Makes every record up to {@code seq} durable. Concurrent callers share one fsync (group
   * commit): whoever forces the file covers everything written before it started.
   */
  void sync(long seq) throws IOException {
    synchronized (syncLock) {
      if (durable >= seq) {
        return;
      }
      long target;
      FileChannel ch;
      synchronized (this) {
        target = written;
        ch = current().channel();
      }
      ch.force(false);
      durable = target;
    }
  }

  /** Marks batch {@code seq} evaluated (or abandoned before it was acknowledged). */
  synchronized void done(long seq) {
    if (seq <= watermark) {
      return;
    }
    finished.add(seq);
    while (!finished.isEmpty() && finished.first() == watermark + 1) {
      finished.pollFirst();
      watermark++;
    }
  }

  /** After the pending records were evaluated at start-up: everything so far is done. */
  synchronized void allDone() {
    watermark = Math.max(watermark, nextSeq - 1);
    finished.clear();
    pending.clear(); // their bodies are not needed again
  }

  /** Highest sequence number up to which everything is evaluated. */
  synchronized long watermark() {
    return watermark;
  }

  /** Bytes the segments use. */
  synchronized long usedBytes() {
    return totalBytes;
  }

  /** Writes the checkpoint (if it moved) and deletes segments that are fully evaluated. */
  void checkpoint() throws IOException {
    long w = watermark();
    if (w == savedWatermark) {
      return;
    }
    Path tmp = dir.resolve(CHECKPOINT + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap((w + "\n").getBytes(StandardCharsets.US_ASCII)));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    savedWatermark = w;
    deleteEvaluated(w);
  }

  private synchronized void deleteEvaluated(long w) throws IOException {
    while (segments.size() > 1 && segments.get(1).firstSeq() - 1 <= w) {
      Segment s = segments.remove(0);
      totalBytes -= s.channel().size();
      s.channel().close();
      Files.deleteIfExists(s.path());
    }
  }

  @Override
  public void close() throws IOException {
    checkpoint();
    synchronized (this) {
      for (Segment s : segments) {
        s.channel().force(true);
        s.channel().close();
      }
    }
  }
}
