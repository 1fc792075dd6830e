using System.Text;

namespace CtcAlign.Acoustic;

/// <summary>
/// Writes a float32 C-order NumPy .npy file of shape [rows, columns] row block by row block; the row count is
/// filled into the header when the writer is completed, so the total need not be known in advance.
/// </summary>
public sealed class NpyWriter : IDisposable
{
    private const int HeaderLength = 128; // magic + version + length + dict, padded to a multiple of 64
    private readonly Stream _stream;
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
        if (!_completed)
            _stream.Dispose();
    }
}
