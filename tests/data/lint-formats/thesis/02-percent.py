# %% [markdown]
# # Percent
#
# Die Entitäten im Text mit x_n.

# %%
entitäten = ["Entitäten bleiben im Code"]  # todo: aufräumen
