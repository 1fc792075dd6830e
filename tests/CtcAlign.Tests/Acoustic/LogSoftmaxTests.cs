using CtcAlign.Acoustic;

namespace CtcAlign.Tests.Acoustic;

public sealed class LogSoftmaxTests
{
    [Fact]
    public void Matches_the_definition_row_by_row()
    {
        float[] values = [1, 2, 3, -1000, 0, 1000];
        LogSoftmax.InPlace(values, 3);

        double[] row0 = [1, 2, 3];
        var z = Math.Log(row0.Sum(Math.Exp));
        for (var i = 0; i < 3; i++)
            Assert.Equal(row0[i] - z, values[i], 5);
        Assert.Equal(0, values[5], 5);
        Assert.Equal(-1000, values[4], 3);
        Assert.True(float.IsFinite(values[3]));
    }

    [Fact]
    public void Rejects_partial_rows()
    {
        var ex = Assert.Throws<ArgumentException>(() => LogSoftmax.InPlace(new float[7], 3));
        Assert.StartsWith("7 values are not whole rows of 3.", ex.Message);
    }
}
