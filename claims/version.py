"""The stance engine's version, apart from the engine so that checking it is cheap.

Stored with every analysis; when it changes, stored articles are re-analysed.
Bump it with any change to the rules that can change a verdict.
"""

ENGINE_VERSION = "rules-4"  # the layered engine: claims.lang, claims.retrieve, claims.stance
