namespace PicADaily.GoogleCloud.Firestore;

/// <summary>A query filter: a field condition, a unary test, or an AND/OR of filters.</summary>
public abstract record FirestoreFilter
{
    private protected FirestoreFilter()
    {
    }

    /// <summary><c>field == value</c>.</summary>
    public static FirestoreFilter Equal(string fieldPath, FirestoreValue value) => new FieldFilter(fieldPath, FieldOperator.Equal, value);

    /// <summary>The array field contains <paramref name="value"/>.</summary>
    public static FirestoreFilter ArrayContains(string fieldPath, FirestoreValue value) => new FieldFilter(fieldPath, FieldOperator.ArrayContains, value);

    /// <summary>All of the filters hold.</summary>
    public static FirestoreFilter And(params FirestoreFilter[] filters) => new CompositeFilter(CompositeOperator.And, filters);
}

/// <summary><c>fieldFilter</c>: compares a field with a value.</summary>
public sealed record FieldFilter(string FieldPath, FieldOperator Op, FirestoreValue Value) : FirestoreFilter;

/// <summary><c>unaryFilter</c>: IS_NULL, IS_NAN and their negations.</summary>
public sealed record UnaryFilter(string FieldPath, UnaryOperator Op) : FirestoreFilter;

/// <summary><c>compositeFilter</c>: AND / OR of filters.</summary>
public sealed record CompositeFilter(CompositeOperator Op, IReadOnlyList<FirestoreFilter> Filters) : FirestoreFilter;

/// <summary>Field comparison operators (wire names in SCREAMING_SNAKE_CASE).</summary>
public enum FieldOperator
{
    /// <summary>LESS_THAN.</summary>
    LessThan,
    /// <summary>LESS_THAN_OR_EQUAL.</summary>
    LessThanOrEqual,
    /// <summary>GREATER_THAN.</summary>
    GreaterThan,
    /// <summary>GREATER_THAN_OR_EQUAL.</summary>
    GreaterThanOrEqual,
    /// <summary>EQUAL.</summary>
    Equal,
    /// <summary>NOT_EQUAL.</summary>
    NotEqual,
    /// <summary>ARRAY_CONTAINS.</summary>
    ArrayContains,
    /// <summary>IN.</summary>
    In,
    /// <summary>ARRAY_CONTAINS_ANY.</summary>
    ArrayContainsAny,
    /// <summary>NOT_IN.</summary>
    NotIn,
}

/// <summary>Unary operators.</summary>
public enum UnaryOperator
{
    /// <summary>IS_NAN.</summary>
    IsNan,
    /// <summary>IS_NULL.</summary>
    IsNull,
    /// <summary>IS_NOT_NAN.</summary>
    IsNotNan,
    /// <summary>IS_NOT_NULL.</summary>
    IsNotNull,
}

/// <summary>Composite operators.</summary>
public enum CompositeOperator
{
    /// <summary>AND.</summary>
    And,
    /// <summary>OR.</summary>
    Or,
}
