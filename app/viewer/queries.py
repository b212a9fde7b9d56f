"""The Cypher the viewer ships, in the dialect both stores accept (the conformance suite runs each)."""

ACTOR_NODE = "MATCH (n {id: $id}) RETURN n"
ACTOR_FACTS_OUT = (
    "MATCH (a {id: $id})-[r]->(b) WHERE type(r) <> 'MENTIONED_IN' AND type(r) <> 'SAID' "
    "AND coalesce(r.review, 'machine') <> 'rejected' "
    "RETURN type(r) AS relation, b.id AS other_id, b.name AS other, r.tier AS tier, r.confidence AS confidence, "
    "r.evidence AS evidence, r.spans AS spans, r.articles AS articles ORDER BY relation, other"
)
ACTOR_FACTS_IN = (
    "MATCH (b)-[r]->(a {id: $id}) WHERE type(r) <> 'MENTIONED_IN' AND type(r) <> 'MENTIONS' "
    "AND coalesce(r.review, 'machine') <> 'rejected' "
    "RETURN type(r) AS relation, b.id AS other_id, b.name AS other, r.tier AS tier, r.confidence AS confidence, "
    "r.evidence AS evidence, r.spans AS spans, r.articles AS articles ORDER BY relation, other"
)
ACTOR_STATEMENTS = (
    "MATCH (a {id: $id})-[:SAID]->(s:Statement) "
    "RETURN s.text AS statement, s.article AS article, s.char_start AS first_char, s.char_end AS last_char "
    "ORDER BY article, first_char"
)
TOP_ACTORS = (
    "MATCH (n:Person|Party|Organization)-[r]-() WHERE type(r) <> 'MENTIONED_IN' "
    "RETURN n.id AS id, n.name AS name, count(r) AS relationships ORDER BY relationships DESC, name LIMIT $limit"
)
EXAMPLES = {
    "Who leads which party": "MATCH (p:Person)-[:LEADS]->(q:Party) RETURN p.name AS leader, q.name AS party",
    "Facts with their evidence": (
        "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONED_IN' AND type(r) <> 'MENTIONS' "
        "RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.evidence AS evidence LIMIT 50"
    ),
    "Statements and speakers": (
        "MATCH (p)-[:SAID]->(s:Statement) RETURN p.name AS speaker, s.text AS statement ORDER BY speaker"
    ),
    "An actor's neighbourhood as a network": "MATCH (a {id: $id})-[r]-(b) RETURN a, r, b",
    "Parties and what they won or lost": (
        "MATCH (p:Party)-[r:WON|LOST]->(x) RETURN p.name AS party, type(r) AS result, x.name AS what"
    ),
}
