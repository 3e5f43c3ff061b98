namespace AnalysisHub.Cli.Ingest;

/// <summary>A read-only stream of some bytes already read (to tell the format of standard input) followed by the rest.</summary>
public sealed class PrefixedStream(byte[] prefix, int length, Stream rest) : Stream
{
    private int _position;

    public static PrefixedStream Peek(Stream stream, int bytes, out ReadOnlySpan<byte> start)
    {
        var buffer = new byte[bytes];
        var filled = 0;
        int read;
        while (filled < bytes && (read = stream.Read(buffer, filled, bytes - filled)) > 0) filled += read;
        start = buffer.AsSpan(0, filled);
        return new PrefixedStream(buffer, filled, stream);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position < length)
        {
            var n = Math.Min(count, length - _position);
            Buffer.BlockCopy(prefix, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        return rest.Read(buffer, offset, count);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) rest.Dispose();
        base.Dispose(disposing);
    }
}
