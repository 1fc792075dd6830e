using CtcAlign.Fuzz;

// CtcAlign.Fuzz TARGET: AFL++ persistent mode on stdin (through SharpFuzz).
// CtcAlign.Fuzz TARGET FILE...: runs the target once per file and says which ones fail (for minimising and replay).
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: CtcAlign.Fuzz {string.Join("|", FuzzTargets.Names)} [FILE...]");
    return 2;
}
var target = args[0];
if (args.Length > 1)
{
    var failed = 0;
    foreach (var file in args.Skip(1))
    {
        try
        {
            FuzzTargets.Run(target, File.ReadAllBytes(file));
        }
        catch (Exception ex)
        {
            failed++;
            Console.Error.WriteLine($"{file}: {ex}");
        }
    }
    return failed == 0 ? 0 : 1;
}
// Out of process: a stack overflow or a fail-fast in the target is reported as a crash instead of killing the fork server.
SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    FuzzTargets.Run(target, copy.ToArray());
});
return 0;
