namespace PicADaily.LocalCloud.PubSub.Filtering;

/// <summary>
/// Parses Pub/Sub's attribute filter language: <c>attributes:k</c>, <c>attributes.k = "v"</c>,
/// <c>attributes.k != "v"</c>, <c>hasPrefix(attributes.k, "p")</c>, <c>AND</c>, <c>OR</c>,
/// <c>NOT</c>, <c>-</c>, parentheses and quoted keys (<c>attributes."my.key"</c>). AND binds tighter than OR.
/// </summary>
public sealed class FilterParser
{
    /// <summary>Google's limit on a filter's length.</summary>
    public const int MaxBytes = 256;

    private readonly List<Token> tokens;
    private int position;

    private FilterParser(List<Token> tokens) => this.tokens = tokens;

    /// <returns>null for an empty filter (every message matches).</returns>
    /// <exception cref="FilterSyntaxException">The filter is not valid.</exception>
    public static FilterExpression? Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(filter) > MaxBytes)
        {
            throw new FilterSyntaxException($"a filter is at most {MaxBytes} bytes");
        }

        var parser = new FilterParser(FilterTokenizer.Tokenize(filter));
        var expression = parser.ParseOr();
        parser.Expect(TokenKind.End, "end of filter");
        return expression;
    }

    private Token Current => tokens[position];

    private FilterExpression ParseOr() => ParseChain("OR", ParseAnd, (left, right) => new Or(left, right));

    private FilterExpression ParseAnd() => ParseChain("AND", ParseUnary, (left, right) => new And(left, right));

    // Left-associative: a AND b AND c is (a AND b) AND c.
    private FilterExpression ParseChain(string keyword, Func<FilterExpression> operand, Func<FilterExpression, FilterExpression, FilterExpression> combine)
    {
        var left = operand();
        while (IsKeyword(keyword))
        {
            position++;
            left = combine(left, operand());
        }

        return left;
    }

    private FilterExpression ParseUnary()
    {
        if (IsKeyword("NOT") || Current.Kind == TokenKind.Minus)
        {
            position++;
            return new Not(ParseUnary());
        }

        if (Current.Kind == TokenKind.LeftParen)
        {
            position++;
            var inner = ParseOr();
            Expect(TokenKind.RightParen, "')'");
            return inner;
        }

        if (IsKeyword("hasPrefix"))
        {
            position++;
            Expect(TokenKind.LeftParen, "'(' after hasPrefix");
            ExpectAttributes();
            Expect(TokenKind.Dot, "'.' after attributes");
            var key = ParseKey();
            Expect(TokenKind.Comma, "',' in hasPrefix");
            var prefix = Expect(TokenKind.String, "a quoted prefix").Text;
            Expect(TokenKind.RightParen, "')' closing hasPrefix");
            return new AttributeHasPrefix(key, prefix);
        }

        ExpectAttributes();
        if (Current.Kind == TokenKind.Colon)
        {
            position++;
            return new HasAttribute(ParseKey());
        }

        Expect(TokenKind.Dot, "':' or '.' after attributes");
        var name = ParseKey();
        var op = Current;
        if (op.Kind is not (TokenKind.Equals or TokenKind.NotEquals))
        {
            throw new FilterSyntaxException($"expected '=' or '!=' at position {op.Position}");
        }

        position++;
        var value = Expect(TokenKind.String, "a quoted value").Text;
        FilterExpression equals = new AttributeEquals(name, value);
        return op.Kind == TokenKind.Equals ? equals : new Not(equals);
    }

    private string ParseKey()
    {
        var token = Current;
        if (token.Kind is TokenKind.Word or TokenKind.String && token.Text.Length > 0)
        {
            position++;
            return token.Text;
        }

        throw new FilterSyntaxException($"expected an attribute key at position {token.Position}");
    }

    private void ExpectAttributes()
    {
        if (!IsKeyword("attributes"))
        {
            throw new FilterSyntaxException(
                $"expected 'attributes' at position {Current.Position} (filters may only test attributes)");
        }

        position++;
    }

    private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Word && string.Equals(Current.Text, keyword, StringComparison.Ordinal);

    private Token Expect(TokenKind kind, string what)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw new FilterSyntaxException($"expected {what} at position {token.Position}");
        }

        position++;
        return token;
    }
}
