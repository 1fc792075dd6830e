using System.Text;
using CtcAlign.Acoustic;

namespace CtcAlign.Tests.Acoustic;

public sealed class NpyWriterTests
{
    [Fact]
    public void Writes_a_numpy_v1_header_with_the_final_shape_and_little_endian_floats()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var npy = new NpyWriter(path, 3))
            {
                npy.WriteRows([1, 2, 3]);
                npy.WriteRows([4, 5, 6, 7, 8, 9.5f]);
                npy.Complete();
            }
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(0x93, bytes[0]);
            Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
            Assert.Equal(1, bytes[6]);
            var headerLength = BitConverter.ToUInt16(bytes, 8);
            Assert.Equal(0, (10 + headerLength) % 64);
            var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
            Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 3), }", header);
            Assert.EndsWith("\n", header);
            Assert.Equal(10 + headerLength + 9 * 4, bytes.Length);
            Assert.Equal(9.5f, BitConverter.ToSingle(bytes, bytes.Length - 4));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rejects_partial_rows()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var npy = new NpyWriter(path, 3);
            Assert.Throws<ArgumentException>(() => npy.WriteRows([1, 2]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
