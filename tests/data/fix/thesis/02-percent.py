# %% [markdown]
# # Percent
#
# Die Entitäten mit h_{t-1}.

# %%
print("Entitäten im Code")
