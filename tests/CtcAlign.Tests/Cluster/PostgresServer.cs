using System.Diagnostics;
using CtcAlign.Tests.Audio;
using Npgsql;

namespace CtcAlign.Tests.Cluster;

/// <summary>
/// One throwaway PostgreSQL server for the test run (tools/pg-temp-cluster.sh: a temp data folder, 127.0.0.1, a
/// free port, run as a non-root user), stopped and deleted afterwards. Each test gets its own database. When the
/// server cannot be started the tests using it fail with the script's reason: PostgreSQL is a test dependency
/// (tools/install-test-deps.sh), so its absence is a broken setup, not a reason to skip.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private int _databases;

    public PostgresServer()
    {
        var script = Path.Combine(TestMedia.RepositoryRoot(), "tools", "pg-temp-cluster.sh");
        var (code, stdout, stderr) = Run(script, "start");
        if (code != 0)
            throw new InvalidOperationException($"could not start PostgreSQL for the tests ({script} start: exit {code}): {stderr.Trim()}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        _folder = lines[0].Trim();
        ConnectionString = lines[1].Trim();
        Script = script;
    }

    private string Script { get; }

    /// <summary>The server's maintenance database (<c>postgres</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>A new, empty database on the server, as a <c>Host=...</c> connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var db = new NpgsqlConnection(ConnectionString))
        {
            db.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", db);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs SQL on <paramref name="database"/> (a connection string from <see cref="CreateDatabase"/>).</summary>
    public static void Execute(string database, string sql)
    {
        using var db = new NpgsqlConnection(database);
        db.Open();
        using var command = new NpgsqlCommand(sql, db);
        command.ExecuteNonQuery();
    }

    public static object? Scalar(string database, string sql)
    {
        using var db = new NpgsqlConnection(database);
        db.Open();
        using var command = new NpgsqlCommand(sql, db);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run(Script, "stop", _folder);
    }

    private static (int Code, string Out, string Err) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
