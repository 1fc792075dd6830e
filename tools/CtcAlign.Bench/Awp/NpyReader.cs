using System.Text;
using System.Text.RegularExpressions;

namespace CtcAlign.Bench.Awp;

/// <summary>Reads a 2-D C-order NumPy .npy of little-endian float32 or float64 (versions 1-3) into row-major floats.</summary>
public static partial class NpyReader
{
    public static (float[] Values, int Rows, int Columns) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var magic = reader.ReadBytes(6);
        if (magic.Length < 6 || magic[0] != 0x93 || Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY")
            throw new FormatException($"{path} is not a .npy file.");
        var major = reader.ReadByte();
        reader.ReadByte();
        int headerLength = major == 1 ? reader.ReadUInt16() : (int)reader.ReadUInt32();
        var header = Encoding.Latin1.GetString(reader.ReadBytes(headerLength));

        var descr = Descr().Match(header);
        var shape = Shape().Match(header);
        if (!descr.Success || !shape.Success)
            throw new FormatException($"{path}: cannot read the .npy header {header.Trim()}.");
        if (header.Contains("'fortran_order': True"))
            throw new FormatException($"{path}: Fortran-order arrays are not supported; save with np.ascontiguousarray.");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse).ToArray();
        if (dims.Length != 2)
            throw new FormatException($"{path}: expected a 2-D array [frames, vocabulary]; shape is ({shape.Groups[1].Value}).");
        var (rows, columns) = (checked((int)dims[0]), checked((int)dims[1]));
        var count = checked(rows * columns);
        var values = new float[count];
        switch (descr.Groups[1].Value)
        {
            case "<f4":
                var bytes = reader.ReadBytes(count * 4);
                if (bytes.Length != count * 4)
                    throw new FormatException($"{path}: data is shorter than its shape ({rows}, {columns}).");
                Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
                break;
            case "<f8":
                for (var i = 0; i < count; i++)
                    values[i] = (float)reader.ReadDouble();
                break;
            default:
                throw new FormatException($"{path}: dtype {descr.Groups[1].Value} is not supported (use float32).");
        }
        return (values, rows, columns);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
