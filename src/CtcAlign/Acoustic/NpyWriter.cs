using System.Text;

namespace CtcAlign.Acoustic;

/// <summary>
/// Writes a float32 C-order NumPy .npy file of shape [rows, columns] row block by row block; the row count is
/// filled into the header when the writer is completed, so the total need not be known in advance. On a stream that
/// cannot seek (stdout, a pipe) the rows go to a temporary file first and are copied out, header first, on completion.
/// </summary>
public sealed class NpyWriter : IDisposable
{
    private const int HeaderLength = 128; // magic + version + length + dict, padded to a multiple of 64
    private readonly Stream _stream;
    private readonly Stream? _destination; // the non-seekable stream the spooled rows are copied to
    private readonly bool _ownsDestination;
    private readonly int _columns;
    private byte[] _bytes = [];
    private bool _completed;

    public NpyWriter(string path, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        _columns = columns;
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _stream.Write(Header(0, columns));
    }

    /// <summary>Writes to <paramref name="stream"/> (closed on completion when <paramref name="ownsStream"/>).</summary>
    public NpyWriter(Stream stream, int columns, bool ownsStream = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        _columns = columns;
        if (stream.CanSeek)
        {
            _stream = stream;
            _destination = null;
            if (!ownsStream)
                _stream = new NonClosingStream(stream);
        }
        else
        {
            _stream = new FileStream(Path.Combine(Path.GetTempPath(), $"ctcalign-{Environment.ProcessId}-{Guid.NewGuid():N}.npy"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            _destination = stream;
            _ownsDestination = ownsStream;
        }
        _stream.Write(Header(0, columns));
    }

    public long Rows { get; private set; }

    public void WriteRows(ReadOnlySpan<float> values)
    {
        if (values.Length % _columns != 0)
            throw new ArgumentException($"{values.Length} values are not whole rows of {_columns}.", nameof(values));
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("NpyWriter writes little-endian float32 only.");
        var n = values.Length * 4;
        if (_bytes.Length < n)
            _bytes = new byte[n];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(_bytes);
        _stream.Write(_bytes, 0, n);
        Rows += values.Length / _columns;
    }

    /// <summary>Writes the final shape into the header and closes the file.</summary>
    public void Complete()
    {
        _stream.Position = 0;
        _stream.Write(Header(Rows, _columns));
        _stream.Flush();
        if (_destination is not null)
        {
            _stream.Position = 0;
            _stream.CopyTo(_destination);
            _destination.Flush();
            if (_ownsDestination)
                _destination.Dispose();
        }
        _completed = true;
        _stream.Dispose();
    }

    internal static byte[] Header(long rows, int columns)
    {
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {columns}), }}";
        var prefix = 10; // \x93NUMPY, version 1.0, uint16 header length
        var padded = dict.PadRight(HeaderLength - prefix - 1) + "\n";
        var bytes = new byte[HeaderLength];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        bytes[7] = 0;
        BitConverter.GetBytes((ushort)(HeaderLength - prefix)).CopyTo(bytes, 8);
        Encoding.ASCII.GetBytes(padded).CopyTo(bytes, prefix);
        return bytes;
    }

    public void Dispose()
    {
        if (_completed)
            return;
        _stream.Dispose();
        if (_ownsDestination)
            _destination?.Dispose();
    }

    /// <summary>A seekable stream the caller keeps open: completing the writer flushes it but does not close it.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
