"""Norwegian words as people type them without æ, ø and å.

On a keyboard without the Norwegian letters people write «Risør» as `risor` or `risoer`,
«sykefravær» as `sykefravar` or `sykefravaer`, «Åsane» as `asane` or `aasane`. `fold` maps
every such spelling to one key: lowercase, æ ø å (and the ä ö ü é of borrowed names) to their
plain letters, then «ae», «oe» and «aa» to one letter. The portal search looks query words up
by this key among the indexed words (portal.models.SearchWord), and the employer register
stores its name words folded (employers.models.EmployerNameWord).

Migration portal 0009 defines the same mapping in SQL as `portal_fold(text)`; a test holds
the two to the same answers.
"""

_LETTERS = str.maketrans("æøåäöüéèáàóò", "aoaaoueeaaoo")


def fold(text: str) -> str:
    return text.lower().translate(_LETTERS).replace("ae", "a").replace("oe", "o").replace("aa", "a")
