using CtcAlign.Cli;

namespace CtcAlign.Tests.Cli;

public sealed class HelpAndUsageTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Program.RunAsync(args, new CliConsole(output, error, false));
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("align", "--help")]
    [InlineData("align", "-h")]
    [InlineData("model", "info", "--help")]
    public async Task Help_goes_to_stdout_with_exit_0(params string[] args)
    {
        var (code, output, error) = await Run(args);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error);
        Assert.Contains(args.Length == 1 ? "Display more information on a specific command" : "--help", output);
    }

    [Fact]
    public async Task Version_goes_to_stdout_with_exit_0()
    {
        var (code, output, error) = await Run("--version");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", error);
        Assert.StartsWith("ctcalign ", output);
    }

    [Fact]
    public async Task Unknown_option_is_a_short_error()
    {
        var (code, output, error) = await Run("align", "x.wav", "--nope");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Equal("ctcalign: Option 'nope' is unknown.\nctcalign: see --help\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Wrong_verb_lists_the_verbs()
    {
        var (code, _, error) = await Run("algn", "x.wav");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("ctcalign: verbs: align, inspect, export, emissions, model, transcribe", error);
        Assert.InRange(error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, 1, 4);
    }
}
