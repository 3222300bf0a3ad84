# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Kapitel Percent
#
# Die Eingabe x_n und die Ausgabe \hat{y} [todo Quelle für percent].

# %% tags=["remove-input"]
#| label: fig-percent
#| fig-cap: "Kurve aus percent"
# figure-code-percent
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(2, 1))
ax.plot([0, 1], [0, 1])
plt.show()

# %% tags=["remove-cell"]
print("removed-" + "cell-percent")

# %% tags=["remove-output"]
print("hidden-" + "output-percent")

# %% tags=["skip-execution"]
raise RuntimeError("skipped-" + "cell-percent")

# %%
print("shown-" + "output-percent")
