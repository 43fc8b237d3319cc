package io.modelwatch.retraining.rules;

import io.modelwatch.retraining.rules.ConditionToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a rule's {@code when} text into a {@link Condition}.
 *
 * <pre>
 * condition  = or END
 * or         = and { "or" and }
 * and        = primary { "and" primary }
 * primary    = "(" or ")" | comparison
 * comparison = metric [ "[" feature "]" ] ( "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=" ) value
 * </pre>
 *
 * <ul>
 *   <li>Keywords and metric names are lower case; {@code and} binds tighter than {@code or}.
 *   <li>Numbers: {@code 0.2}, {@code .5}, {@code -3}, {@code 1e-3}.
 *   <li>{@code dataset_drift} compares with {@code true} / {@code false} or {@code 1} / {@code 0}.
 *   <li>{@code concept_drift} compares with {@code stable}, {@code warning} or {@code drift}, bare or
 *       quoted; they are ordered, so {@code concept_drift >= warning} means warning or drift.
 *   <li>A feature name is everything between the brackets, trimmed; quote it to keep spaces at its
 *       ends. It cannot contain {@code ]}.
 *   <li>Parentheses nest at most {@value #MAX_DEPTH} deep: the parser recurses once per level, and a
 *       condition nested deeper (no person writes one) would otherwise exhaust the stack.
 * </ul>
 */
public final class ConditionParser {
    /** Deepest nesting of parentheses a condition may have. */
    public static final int MAX_DEPTH = 100;

    private final String rule;
    private final List<ConditionToken> tokens;
    private int next;
    private int depth;

    private ConditionParser(String rule, List<ConditionToken> tokens) {
        this.rule = rule;
        this.tokens = tokens;
    }

    /**
     * @param rule the rule's name, for error messages
     * @throws RuleConfigException naming the rule, the problem and its 1-based character position
     */
    public static Condition parse(String rule, String text) {
        ConditionParser parser = new ConditionParser(rule, ConditionLexer.tokenize(rule, text));
        if (parser.peek().type() == Type.END) {
            throw error(rule, "empty condition", 1);
        }
        Condition condition = parser.or();
        ConditionToken rest = parser.peek();
        if (rest.type() != Type.END) {
            throw parser.expected("'and', 'or' or the end of the condition", rest);
        }
        return condition;
    }

    static RuleConfigException error(String rule, String problem, int position) {
        return RuleConfigException.forRule(rule, problem + " at position " + position);
    }

    private Condition or() {
        List<Condition> operands = new ArrayList<>(List.of(and()));
        while (peek().isWord("or")) {
            next++;
            operands.add(and());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.Or(operands);
    }

    private Condition and() {
        List<Condition> operands = new ArrayList<>(List.of(primary()));
        while (peek().isWord("and")) {
            next++;
            operands.add(primary());
        }
        return operands.size() == 1 ? operands.get(0) : new Condition.And(operands);
    }

    private Condition primary() {
        if (peek().type() != Type.OPEN) {
            return comparison();
        }
        if (++depth > MAX_DEPTH) {
            throw error(rule, "parentheses nested more than " + MAX_DEPTH + " deep", peek().position());
        }
        next++;
        Condition inner = or();
        depth--;
        ConditionToken close = take();
        if (close.type() != Type.CLOSE) {
            throw expected("')'", close);
        }
        return inner;
    }

    private Condition comparison() {
        ConditionToken name = take();
        if (name.type() != Type.WORD || name.isWord("and") || name.isWord("or")) {
            throw expected("a metric", name);
        }
        Metric metric = Metric.ofWireName(name.text())
                .orElseThrow(() -> error(rule, "unknown metric '" + name.text() + "'", name.position()));
        String feature = null;
        if (peek().type() == Type.SELECTOR) {
            ConditionToken selector = take();
            if (!metric.takesFeature()) {
                throw error(rule, "metric '" + metric.wireName() + "' takes no feature selector", selector.position());
            }
            feature = selector.value();
        } else if (metric.takesFeature()) {
            throw error(rule, "metric '" + metric.wireName() + "' needs a feature selector ("
                    + metric.wireName() + "[feature])", name.position());
        }
        ConditionToken operator = take();
        if (operator.type() != Type.OPERATOR) {
            throw expected("a comparison operator (<, <=, >, >=, ==, !=)", operator);
        }
        ComparisonOperator op = ComparisonOperator.ofSymbol(operator.text()).orElseThrow();
        return new Condition.Comparison(metric, feature, op, operand(metric, take()));
    }

    private double operand(Metric metric, ConditionToken token) {
        return switch (metric.kind()) {
            case NUMBER -> {
                if (token.type() != Type.NUMBER) {
                    throw expected("a number", token);
                }
                yield Double.parseDouble(token.text());
            }
            case FLAG -> {
                if (token.isWord("true") || token.isWord("false")) {
                    yield token.isWord("true") ? 1 : 0;
                }
                double number = token.type() == Type.NUMBER ? Double.parseDouble(token.text()) : Double.NaN;
                if (number == 0 || number == 1) {
                    yield number;
                }
                throw expected("true or false (or 1 / 0)", token);
            }
            case STATE -> {
                boolean textual = token.type() == Type.WORD || token.type() == Type.STRING;
                yield ConceptDriftState.ofWireName(textual ? token.value() : "")
                        .orElseThrow(() -> expected("stable, warning or drift", token))
                        .level();
            }
        };
    }

    private ConditionToken peek() {
        return tokens.get(next);
    }

    private ConditionToken take() {
        ConditionToken token = tokens.get(next);
        if (token.type() != Type.END) {
            next++;
        }
        return token;
    }

    private RuleConfigException expected(String what, ConditionToken found) {
        return error(rule, "expected " + what + " but found " + found.describe(), found.position());
    }
}
