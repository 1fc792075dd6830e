using SQLite;

namespace CtcAlign.Storage;

/// <summary>Table runs: one row per (model, parameters, tool version), first used at <see cref="StartedUtc"/>.</summary>
[Table("runs")]
internal sealed class RunRow
{
    [PrimaryKey, AutoIncrement, Column("id")]
    public int Id { get; set; }

    [Column("model"), NotNull]
    public string Model { get; set; } = "";

    [Column("parameters"), NotNull]
    public string ParametersJson { get; set; } = "";

    [Column("tool_version"), NotNull]
    public string ToolVersion { get; set; } = "";

    [Column("started_utc"), NotNull]
    public string StartedUtc { get; set; } = "";
}
