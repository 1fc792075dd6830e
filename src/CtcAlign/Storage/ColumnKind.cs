namespace CtcAlign.Storage;

/// <summary>The kind of a store column; each backend maps it to its own SQL type.</summary>
public enum ColumnKind
{
    /// <summary>An auto-numbered integer primary key.</summary>
    Key,
    Text,
    Integer,
    Real,
}
