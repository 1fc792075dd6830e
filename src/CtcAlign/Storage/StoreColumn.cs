namespace CtcAlign.Storage;

/// <summary>One column of a store table: its name, kind, and whether it may hold NULL.</summary>
public sealed record StoreColumn(string Name, ColumnKind Kind, bool NotNull = false, bool PrimaryKey = false);
