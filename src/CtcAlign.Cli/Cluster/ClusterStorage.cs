using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using CtcAlign.Storage;

namespace CtcAlign.Cli.Cluster;

/// <summary>
/// Hangfire's job storage in the cluster's PostgreSQL database (schema <c>hangfire</c>, next to CtcAlign's tables).
/// A job fetched by a worker stays invisible to the others while that worker's heartbeat keeps it alive (sliding
/// invisibility timeout); when the worker dies, the job is fetched again after <c>invisibilityTimeout</c>.
/// </summary>
public static class ClusterStorage
{
    /// <summary>The Hangfire storage of <paramref name="database"/>, which must be PostgreSQL (a one-line error otherwise).</summary>
    public static PostgreSqlStorage Open(string database, string verb, TimeSpan? invisibilityTimeout = null)
    {
        if (!SegmentStore.IsPostgres(database))
            throw new CtcAlignException($"{verb} needs a PostgreSQL --db (postgres://user@host/db or Host=...;Database=...), not the SQLite file {database}; "
                + "a single machine needs no cluster: `ctcalign align --manifest FILE` does the same work");
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            InvisibilityTimeout = invisibilityTimeout ?? TimeSpan.FromMinutes(5),
            UseSlidingInvisibilityTimeout = true,
        };
        try
        {
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(PostgresConnectionString.ToNpgsql(database), options), options);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            throw new StorageException($"{PostgresConnectionString.Redact(database)}: {Program.OneLine(ex.Message)}", ex);
        }
    }
}
