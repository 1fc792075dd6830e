using CtcAlign.Cli;

namespace CtcAlign.Tests.Cli;

public sealed class NumberArgumentsTests
{
    [Theory]
    [InlineData("--threshold=-2,5", "--threshold: '-2,5' is not a number")]
    [InlineData("--threshold", "-2,5", "--threshold: '-2,5' is not a number")]
    [InlineData("--min-confidence", "1,000", "--min-confidence: '1,000' is not a number")]
    [InlineData("--threshold=abc", "--threshold: 'abc' is not a number")]
    public async Task Culture_dependent_numbers_are_rejected(params string[] args)
    {
        var expected = args[^1];
        var given = args[..^1];
        var verb = given[0] == "--min-confidence" ? "export" : "align";
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Program.RunAsync([verb, "x.wav", .. given], new CliConsole(output, error, false));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"ctcalign: {expected}", error.ToString());
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--threshold=-2.5")]
    [InlineData("--threshold=-1e-1")]
    [InlineData("--threshold", "3")]
    public void Invariant_numbers_pass(params string[] args) =>
        Assert.Null(NumberArguments.FindError(["align", "x.wav", .. args], Program.VerbTypes));
}
