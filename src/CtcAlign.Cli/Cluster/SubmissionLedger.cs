using Npgsql;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Cluster;

/// <summary>
/// Which Hangfire job was enqueued for which (media id, content hash, model, parameters, tool version): table
/// <c>ctcalign_submissions</c> in the cluster database, so re-submitting a manifest does not enqueue a media again while
/// its job is queued, running or waiting to retry. Submitters are serialised by an advisory lock.
/// </summary>
public sealed class SubmissionLedger : IDisposable
{
    private const long SubmitLock = 0x43746341_7375626d; // "CtcAsubm"

    private readonly NpgsqlConnection _db;
    private readonly NpgsqlTransaction _transaction;

    public SubmissionLedger(string database)
    {
        _db = new NpgsqlConnection(PostgresConnectionString.ToNpgsql(database));
        _db.Open();
        _transaction = _db.BeginTransaction();
        Execute("SELECT pg_advisory_xact_lock($1)", SubmitLock);
        Execute("CREATE TABLE IF NOT EXISTS ctcalign_submissions (key text PRIMARY KEY, media_id text NOT NULL, job_id text NOT NULL, submitted_utc timestamptz NOT NULL DEFAULT now())");
    }

    /// <summary>The job last enqueued under <paramref name="key"/>, or null.</summary>
    public string? JobOf(string key)
    {
        using var command = new NpgsqlCommand("SELECT job_id FROM ctcalign_submissions WHERE key = $1", _db, _transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return command.ExecuteScalar() as string;
    }

    public void Record(string key, string mediaId, string jobId) =>
        Execute("INSERT INTO ctcalign_submissions (key, media_id, job_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET job_id = $3, submitted_utc = now()",
            key, mediaId, jobId);

    /// <summary>Ends the submission (the lock is released with the transaction).</summary>
    public void Commit() => _transaction.Commit();

    private void Execute(string sql, params object[] args)
    {
        using var command = new NpgsqlCommand(sql, _db, _transaction);
        foreach (var a in args)
            command.Parameters.Add(new NpgsqlParameter { Value = a });
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _db.Dispose();
    }
}
